"use client";

import { createContext, useContext, type ReactNode } from "react";

/** The browser's ticking clock, read by a live table's cells (so its columns stay the same objects as time moves). */
export const NowContext = createContext(0);

/** A cell that needs the time, as a cell the table can render with the row alone. */
export function withNow<T>(Cell: (props: { item: T; now: number }) => ReactNode) {
  return function CellWithNow({ item }: { item: T }) {
    return <Cell item={item} now={useContext(NowContext)} />;
  };
}
