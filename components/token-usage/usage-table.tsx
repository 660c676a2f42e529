import type { ReactNode } from "react";

/**
 * A small titled table of the usage view. At 390 px a wide one scrolls sideways
 * inside its own box, which takes focus so a keyboard can scroll it too.
 */
export function UsageTable({
  id,
  title,
  columns,
  rows,
  empty,
}: {
  id: string;
  title: string;
  columns: string[];
  rows: ReactNode[][];
  empty: string;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-md border" tabIndex={0} role="region" aria-labelledby={id}>
          <table className="w-full text-sm">
            <thead className="bg-muted/40">
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i} className="border-t">
                  {cells.map((cell, j) => (
                    <td key={j} className="px-3 py-2 align-top whitespace-nowrap">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
