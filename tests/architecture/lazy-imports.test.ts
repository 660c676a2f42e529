/**
 * The first load of a page carries only what the page shows at once: dialogs, the mint
 * wizard, validation and menus load on first use, through the `import()` wrappers
 * (components/common/lazy-dialog.tsx, the lazy-*.ts files, choice-select, account-menu,
 * relative-time, toast). One static import of such a module from browser code undoes
 * that without any test noticing, so this walks what each page and layout imports
 * statically into the browser and names the chain that reaches a heavy module.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, importsIn, isClientModule, isFile, isTest, root, type SourceFile } from "./import-graph";

/** Packages that only load on demand (BENCHMARKS.md, target 1). */
const HEAVY_PACKAGES = ["zod", "react-hook-form", "@hookform/resolvers", "ipaddr.js", "sonner", "uplot", "swagger-ui-react"];
/** shadcn primitives over the heavier Radix parts (radix-ui is one package, so the file is what names the part). */
const HEAVY_FILES = ["alert-dialog", "dialog", "dropdown-menu", "select", "sonner", "tooltip"].map((name) => `components/ui/${name}.tsx`);
/** The files Next loads with a route before anything is clicked. */
const ENTRY = /^app\/(?!api\/)(?:.*\/)?(page|layout|template|loading|error|not-found|global-error)\.tsx$/;

type Graph = { files: SourceFile[]; isClient: (file: string) => boolean };

/** What the browser code loads through `import()`: meant to stay out of the first load. */
function lazyTargets(graph: Graph): Set<string> {
  return new Set(
    graph.files.flatMap(({ file, imports }) => (/^(components|app)\//.test(file) ? imports.filter((e) => e.dynamic).map((e) => e.target ?? e.specifier) : [])),
  );
}

const heavyPackage = (specifier: string) => HEAVY_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));

/**
 * From each entry, follows static value imports only (`import()` is where a chunk splits,
 * `import type` is erased) and reports each heavy module reached in browser code, that is
 * at or below a "use client" file (a server component's own imports never ship).
 */
function eagerChains(graph: Graph, entries: string[]): string[] {
  const byFile = new Map(graph.files.map((f) => [f.file, f]));
  const lazy = lazyTargets(graph);
  const found = new Map<string, string>();
  for (const entry of entries) {
    const queue: { file: string; client: boolean; chain: string[] }[] = [{ file: entry, client: graph.isClient(entry), chain: [entry] }];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { file, client, chain } = queue.shift()!;
      const key = `${file}:${client}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const edge of byFile.get(file)?.imports ?? []) {
        if (edge.dynamic || edge.typeOnly) continue;
        if (edge.target === null) {
          if (client && heavyPackage(edge.specifier)) found.set(edge.specifier, [...chain, edge.specifier].join(" -> "));
          continue;
        }
        const nextClient = client || graph.isClient(edge.target);
        const next = [...chain, edge.target];
        if (nextClient && (HEAVY_FILES.includes(edge.target) || lazy.has(edge.target))) found.set(edge.target, next.join(" -> "));
        else queue.push({ file: edge.target, client: nextClient, chain: next });
      }
    }
  }
  return [...found.values()].sort();
}

const files = importGraph(["app", "components", "lib"]).filter(({ file }) => !isTest(file));
const clientFiles = new Set(files.filter(({ file }) => isClientModule(readFileSync(path.join(root, file), "utf8"))).map(({ file }) => file));
const graph: Graph = { files, isClient: (file) => clientFiles.has(file) };
const entries = files.map(({ file }) => file).filter((file) => ENTRY.test(file));

describe("lazy imports", () => {
  it("no page or layout reaches a heavy module through static imports in browser code", () => {
    expect(eagerChains(graph, entries), "load it through its import() wrapper instead").toEqual([]);
  });

  it("sees the pages, the wrappers and the modules they keep lazy", () => {
    expect(entries).toEqual(expect.arrayContaining(["app/layout.tsx", "app/(dashboard)/layout.tsx", "app/(dashboard)/tokens/page.tsx", "app/(auth)/login/page.tsx"]));
    expect([...lazyTargets(graph)]).toEqual(
      expect.arrayContaining(["components/tokens/dialogs/mint-token-dialog.tsx", "components/portfolios/new-portfolio-dialog.tsx", "components/ui/sonner.tsx", "sonner"]),
    );
  });

  it("names the chain when browser code imports a lazy dialog statically", () => {
    const page = "app/(dashboard)/synthetic/page.tsx";
    const screen = "components/synthetic/screen.tsx";
    const withScreen: Graph = {
      files: [
        ...files,
        { file: page, imports: importsIn(page, `import { Screen } from "@/components/synthetic/screen";`, (rel) => rel === screen || isFile(rel)) },
        { file: screen, imports: importsIn(screen, `"use client";\nimport { MintTokenDialog } from "@/components/tokens/dialogs/mint-token-dialog";`) },
      ],
      isClient: (file) => file === screen || clientFiles.has(file),
    };
    expect(eagerChains(withScreen, [page])).toEqual([`${page} -> ${screen} -> components/tokens/dialogs/mint-token-dialog.tsx`]);
  });

  it("lets a server component import what the browser must not load eagerly", () => {
    const page = "app/(dashboard)/synthetic/page.tsx";
    const serverOnly: Graph = { files: [...files, { file: page, imports: importsIn(page, `import { z } from "zod";`) }], isClient: graph.isClient };
    expect(eagerChains(serverOnly, [page])).toEqual([]);
  });
});
