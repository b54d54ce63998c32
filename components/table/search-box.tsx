"use client";

import { useEffect, useRef, useState } from "react";

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The search box of a live list: it keeps what is being typed while the list updates underneath it, sends the search
 * once typing pauses, and shows a search changed by back or forward (unless someone is typing).
 */
export function SearchBox({ id, value, onSearch }: { id: string; value: string | undefined; onSearch: (q: string | undefined) => void }) {
  const [search, setSearch] = useState(value ?? "");
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The search is sent after a pause: by then a filter may have changed, so send it with the latest query.
  const latestOnSearch = useRef(onSearch);
  useEffect(() => {
    latestOnSearch.current = onSearch;
  }, [onSearch]);

  useEffect(() => {
    if (document.activeElement !== input.current) setSearch(value ?? "");
  }, [value]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const onChange = (next: string) => {
    setSearch(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latestOnSearch.current(next.trim() || undefined), SEARCH_DEBOUNCE_MS);
  };

  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        Search
      </label>
      <p id={`${id}-hint`} className="text-sm text-gray-800">
        NHS number (with or without spaces), name or hospital number
      </p>
      <input
        ref={input}
        id={id}
        type="search"
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        className="w-full rounded border-2 border-gray-700 px-2 py-1.5"
        value={search}
        maxLength={100}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
