"use client";

import { useState } from "react";
import { SearchBox } from "@/components/table/search-box";
import { ListFilter } from "@/components/worklist/worklist-filters";
import { DESTINATION_NAMES } from "@/lib/domain/rehabilitation";
import { BOARD_DESTINATIONS, type BoardDestination, type DischargeBoardQuery } from "@/lib/validation/discharge-board";

type SetQuery = (change: Partial<DischargeBoardQuery>, options?: { replace?: boolean }) => void;

export const DESTINATION_LABELS: Record<BoardDestination, string> = { ...DESTINATION_NAMES, none: "Not decided" };

const selectClass = "w-full rounded border-2 border-gray-700 bg-white px-2 py-1.5";

/** Search and filters of the discharge board; on a phone the filters fold under a button. */
export function BoardFilters({ query, setQuery }: { query: DischargeBoardQuery; setQuery: SetQuery }) {
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [query.blocked, query.fit, query.destination?.length].filter(Boolean).length;
  return (
    <form role="search" aria-label="Search and filter the discharge board" className="no-print mb-3 rounded bg-white p-3 shadow" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr_1fr]">
        <SearchBox id="board-search" value={query.q} onSearch={(q) => setQuery({ q }, { replace: true })} />
        <div className="md:hidden">
          <button
            type="button"
            aria-expanded={filtersOpen}
            aria-controls="board-filter-fields"
            className="rounded border-2 border-nhs-blue px-3 py-1.5 font-semibold text-nhs-blue"
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filtersOpen ? "Hide filters" : `Filters${activeFilters > 0 ? ` (${activeFilters} in use)` : ""}`}
          </button>
        </div>
        <div id="board-filter-fields" className="contents">
          <div className={filtersOpen ? "" : "max-md:hidden"}>
            <label htmlFor="filter-blocked" className="block font-semibold">
              Discharge blocked
            </label>
            <select id="filter-blocked" className={selectClass} value={query.blocked ?? ""} onChange={(e) => setQuery({ blocked: (e.target.value || undefined) as DischargeBoardQuery["blocked"] })}>
              <option value="">Blocked or not</option>
              <option value="yes">Blocked</option>
              <option value="no">Not blocked</option>
            </select>
          </div>
          <div className={filtersOpen ? "" : "max-md:hidden"}>
            <label htmlFor="filter-fit" className="block font-semibold">
              Medically fit
            </label>
            <select id="filter-fit" className={selectClass} value={query.fit ?? ""} onChange={(e) => setQuery({ fit: (e.target.value || undefined) as DischargeBoardQuery["fit"] })}>
              <option value="">Fit or not</option>
              <option value="yes">Medically fit</option>
              <option value="no">Not yet</option>
            </select>
          </div>
          <div className={filtersOpen ? "" : "max-md:hidden"}>
            <ListFilter id="filter-destination" label="Destination" anyLabel="Any" values={BOARD_DESTINATIONS} labels={DESTINATION_LABELS} chosen={query.destination} onChange={(destination) => setQuery({ destination })} />
          </div>
        </div>
      </div>
    </form>
  );
}
