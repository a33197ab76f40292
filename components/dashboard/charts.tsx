"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The dashboard's charts (recharts). Each is drawn for sighted readers only
 * (aria-hidden): the figure around it carries a table with the same numbers
 * (components/dashboard/chart-figure.tsx). Colours come from CSS variables
 * (app/globals.css), so both themes read well.
 *
 * They are drawn in the browser only: the server sends the numbers (and the
 * table) and an empty box of the chart's size, so nothing shifts when the
 * chart appears. Drawing them on the server was a fifth of a dashboard's
 * server time and half its HTML, for pictures no screen reader reads.
 */

const AXIS = { stroke: "var(--chart-grid)", tick: { fill: "var(--chart-text)", fontSize: 12 } } as const;
const TOOLTIP = {
  contentStyle: { background: "var(--chart-surface)", borderColor: "var(--chart-grid)", color: "var(--chart-text)" },
  labelStyle: { color: "var(--chart-text)" },
} as const;
const percent = (v: number) => `${Math.round(v)}%`;

export type PercentPoint = { label: string; value: number | null };

/** A line of percentages over time (weekly accuracy, mock exam scores); gaps where a value is null. */
export function PercentLineChart({ points, name }: { points: readonly PercentPoint[]; name: string }) {
  const inBrowser = useHydrated();
  return (
    <div aria-hidden="true" className="h-56 w-full">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 224 }}>
          <LineChart accessibilityLayer={false} data={points.map((p) => ({ label: p.label, value: p.value === null ? null : p.value * 100 }))} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
            <XAxis dataKey="label" {...AXIS} />
            <YAxis domain={[0, 100]} tickFormatter={percent} width={44} {...AXIS} />
            <Tooltip formatter={(v) => (typeof v === "number" ? percent(v) : "")} {...TOOLTIP} />
            <Line type="monotone" dataKey="value" name={name} stroke="var(--chart-line)" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

export type CountPoint = { label: string; value: number };

/** Bars of counts per day (reviews due over the next two weeks). */
export function CountBarChart({ points, name }: { points: readonly CountPoint[]; name: string }) {
  const inBrowser = useHydrated();
  return (
    <div aria-hidden="true" className="h-48 w-full">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 192 }}>
          <BarChart accessibilityLayer={false} data={[...points]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...AXIS} />
            <YAxis allowDecimals={false} width={36} {...AXIS} />
            <Tooltip cursor={{ fill: "var(--chart-grid)", opacity: 0.3 }} {...TOOLTIP} />
            <Bar dataKey="value" name={name} fill="var(--chart-line)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
