"use client";

import { useState } from "react";
import { SearchBox } from "@/components/table/search-box";
import { REFERRAL_CATEGORIES, REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { WORKLIST_CLOCK_STATES, WORKLIST_CLOCK_STATE_LABELS } from "@/lib/domain/worklist";
import { ACTIVE_STATUSES, WORKLIST_VIEWS, WORKLIST_VIEW_LABELS, type WorklistQuery } from "@/lib/validation/worklist";

export interface RegistrarOption {
  id: string;
  name: string;
}

type SetQuery = (change: Partial<WorklistQuery>, options?: { replace?: boolean }) => void;

const SEVERAL = "__several";

const selectClass = "w-full rounded border-2 border-gray-700 bg-white px-2 py-1.5";

/** Search and filters. The search box keeps what is typed while the list updates underneath it. */
export function WorklistFilters({ query, setQuery, registrars }: { query: WorklistQuery; setQuery: SetQuery; registrars: RegistrarOption[] }) {
  // On a phone the filters fold away under a button, so the list starts near the top of the screen.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [query.clock, query.category, query.status].filter((v) => v?.length).length + [query.registrar, query.from, query.to, query.view].filter(Boolean).length;

  return (
    <form role="search" aria-label="Search and filter the worklist" className="no-print mb-3 rounded bg-white p-3 shadow" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
        <SearchBox id="worklist-search" value={query.q} onSearch={(q) => setQuery({ q }, { replace: true })} />
        <div className="md:hidden">
          <button
            type="button"
            aria-expanded={filtersOpen}
            aria-controls="worklist-filter-fields"
            className="rounded border-2 border-nhs-blue px-3 py-1.5 font-semibold text-nhs-blue"
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filtersOpen ? "Hide filters" : `Filters${activeFilters > 0 ? ` (${activeFilters} in use)` : ""}`}
          </button>
        </div>
        <div className={`${filtersOpen ? "block" : "hidden"} md:block`}>
          <label htmlFor="worklist-view" className="block font-semibold">
            View
          </label>
          <p className="text-sm text-gray-800">What comes first</p>
          <select id="worklist-view" className={selectClass} value={query.view ?? ""} onChange={(e) => setQuery({ view: (e.target.value || undefined) as WorklistQuery["view"] })}>
            <option value="">My role&apos;s view</option>
            {WORKLIST_VIEWS.map((v) => (
              <option key={v} value={v}>
                {WORKLIST_VIEW_LABELS[v]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div id="worklist-filter-fields" className={`mt-3 gap-3 sm:grid-cols-2 md:grid lg:grid-cols-6 ${filtersOpen ? "grid" : "hidden"}`}>
        <ListFilter id="filter-clock" label="Clock" anyLabel="Any" values={WORKLIST_CLOCK_STATES} labels={WORKLIST_CLOCK_STATE_LABELS} chosen={query.clock} onChange={(clock) => setQuery({ clock })} />
        <ListFilter id="filter-category" label="Category" anyLabel="Any" values={REFERRAL_CATEGORIES} labels={REFERRAL_CATEGORY_LABELS} chosen={query.category} onChange={(category) => setQuery({ category })} />
        <ListFilter id="filter-status" label="Status" anyLabel="Any active" values={ACTIVE_STATUSES} labels={REFERRAL_STATUS_LABELS} chosen={query.status} onChange={(status) => setQuery({ status })} />
        <div>
          <label htmlFor="filter-registrar" className="block font-semibold">
            Registrar
          </label>
          <select id="filter-registrar" className={selectClass} value={query.registrar ?? ""} onChange={(e) => setQuery({ registrar: (e.target.value || undefined) as WorklistQuery["registrar"] })}>
            <option value="">Anyone</option>
            <option value="me">Assigned to me</option>
            <option value="unassigned">Not assigned</option>
            {registrars.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-from" className="block font-semibold">
            Received from
          </label>
          <input id="filter-from" type="date" className={selectClass} value={query.from ?? ""} max={query.to} onChange={(e) => setQuery({ from: e.target.value || undefined })} />
        </div>
        <div>
          <label htmlFor="filter-to" className="block font-semibold">
            Received to
          </label>
          <input id="filter-to" type="date" className={selectClass} value={query.to ?? ""} min={query.from} onChange={(e) => setQuery({ to: e.target.value || undefined })} />
        </div>
      </div>
    </form>
  );
}

/**
 * A list filter as one select: any, one value, or (from a link or the API, which take several) "N chosen",
 * kept as it is until another choice is made.
 */
export function ListFilter<T extends string>(props: {
  id: string;
  label: string;
  anyLabel: string;
  values: readonly T[];
  labels: Record<T, string>;
  chosen: T[] | undefined;
  onChange: (chosen: T[] | undefined) => void;
}) {
  const { chosen } = props;
  const value = !chosen || chosen.length === 0 ? "" : chosen.length === 1 ? (chosen[0] as string) : SEVERAL;
  return (
    <div>
      <label htmlFor={props.id} className="block font-semibold">
        {props.label}
      </label>
      <select
        id={props.id}
        className={selectClass}
        value={value}
        onChange={(e) => props.onChange(e.target.value === "" ? undefined : e.target.value === SEVERAL ? chosen : [e.target.value as T])}
      >
        <option value="">{props.anyLabel}</option>
        {chosen && chosen.length > 1 ? <option value={SEVERAL}>{chosen.length} chosen (from a link)</option> : null}
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.labels[v]}
          </option>
        ))}
      </select>
    </div>
  );
}
