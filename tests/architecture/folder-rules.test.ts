/**
 * Which folders may import which, checked over the import graph (static imports,
 * `export … from` and `import()`). A rule is one line: the files it governs and what
 * they may not import, as path prefixes ("components/tokens/" is a folder,
 * "lib/session" covers lib/session/ and any lib/session*.ts) or
 * package names. Tests are left out: a test may reach across folders to test.
 */
import { describe, expect, it } from "vitest";
import { importGraph, importsIn, isTest, type ImportEdge, type SourceFile } from "./import-graph";

type FolderRule = {
  /** Why, in words; a failure quotes it. */
  rule: string;
  files: string[];
  exceptFiles?: string[];
  mayNotImport: string[];
  exceptImports?: string[];
  /** Type-only imports are erased before the code runs, so they may cross this line. */
  typesAllowed?: boolean;
};

const FOLDER_RULES: FolderRule[] = [
  { rule: "tokens never use portfolios (portfolios use tokens)", files: ["components/tokens/"], mayNotImport: ["components/portfolios/"] },
  { rule: "components/ui holds shadcn's primitives: they use each other and cn, nothing of ours", files: ["components/ui/"], mayNotImport: ["app/", "components/", "lib/"], exceptImports: ["components/ui/", "lib/utils.ts"] },
  { rule: "components/common sits below every feature", files: ["components/common/"], mayNotImport: ["components/"], exceptImports: ["components/common/", "components/ui/"] },
  { rule: "components never import pages, layouts or route handlers", files: ["components/"], mayNotImport: ["app/"] },
  { rule: "browser code takes only types from server-only modules", files: ["components/"], mayNotImport: ["lib/bff/", "lib/db/", "lib/etoro/", "lib/jobs/", "lib/ledger/", "lib/session", "lib/config.ts"], typesAllowed: true },
  { rule: "browser code takes from lib/approvals only its types, the order's reader and its words (the rest reaches the database)", files: ["components/"], mayNotImport: ["lib/approvals/"], exceptImports: ["lib/approvals/types.ts", "lib/approvals/order.ts", "lib/approvals/order-words.ts"], typesAllowed: true },
  { rule: "pages and layouts read through lib/bff and lib/session, not the database, ledger, jobs or eToro", files: ["app/"], exceptFiles: ["app/api/"], mayNotImport: ["lib/db/", "lib/etoro/", "lib/jobs/", "lib/ledger/"] },
  { rule: "lib/ never imports the UI", files: ["lib/"], mayNotImport: ["app/", "components/"] },
];

/** Feature folders under components/: every one but the shared floors. */
const SHARED_FOLDERS = new Set(["components/ui", "components/common"]);

const matches = (path: string, prefixes: string[] = []) => prefixes.some((prefix) => path.startsWith(prefix));
const importMatches = (edge: ImportEdge, prefixes: string[] = []) =>
  edge.target !== null ? matches(edge.target, prefixes) : prefixes.some((name) => edge.specifier === name || edge.specifier.startsWith(`${name}/`));

function governs(rule: FolderRule, file: string): boolean {
  return matches(file, rule.files) && !matches(file, rule.exceptFiles);
}

/** One line per offending import: the file, the import as written, what it resolves to, and the rule. */
function violations(rules: FolderRule[], graph: SourceFile[]): string[] {
  return rules.flatMap((rule) =>
    graph
      .filter(({ file }) => governs(rule, file))
      .flatMap(({ file, imports }) =>
        imports
          .filter((edge) => importMatches(edge, rule.mayNotImport) && !importMatches(edge, rule.exceptImports))
          .filter((edge) => !(rule.typesAllowed && edge.typeOnly))
          .map((edge) => `${file} imports "${edge.specifier}"${edge.target ? ` (${edge.target})` : ""}: ${rule.rule}`),
      ),
  );
}

const featureOf = (file: string) => {
  const folder = file.split("/").slice(0, 2).join("/");
  return file.startsWith("components/") && file.split("/").length > 2 && !SHARED_FOLDERS.has(folder) ? folder : null;
};

/** Each cycle between feature folders, as "a -> b -> a" with one import that makes each step. */
function featureCycles(graph: SourceFile[]): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const { file, imports } of graph) {
    const from = featureOf(file);
    for (const edge of imports) {
      const to = edge.target && featureOf(edge.target);
      if (!from || !to || from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} imports "${edge.specifier}"`);
    }
  }
  const cycles = new Set<string>();
  const walk = (folder: string, trail: string[]) => {
    for (const [next] of edges.get(folder) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = [...trail.slice(at), next];
        // Name each cycle once, starting from its first folder in sort order.
        const start = loop.slice(0, -1).reduce((min, f, i, all) => (f < all[min] ? i : min), 0);
        const canonical = [...loop.slice(start, -1), ...loop.slice(0, start), loop[start]];
        const steps = canonical.slice(0, -1).map((f, i) => edges.get(f)!.get(canonical[i + 1])!);
        cycles.add(`${canonical.join(" -> ")} (${steps.join("; ")})`);
      } else walk(next, [...trail, next]);
    }
  };
  for (const folder of edges.keys()) walk(folder, [folder]);
  return [...cycles];
}

const graph = importGraph(["app", "components", "lib", "sandbox"]).filter(({ file }) => !isTest(file));

describe("folder rules", () => {
  it("every import keeps to the folder rules", () => {
    expect(violations(FOLDER_RULES, graph)).toEqual([]);
  });

  it("no two feature folders under components/ import each other, directly or round a loop", () => {
    expect(featureCycles(graph)).toEqual([]);
  });

  it("every rule governs some file (a rule a move left behind guards nothing)", () => {
    expect(FOLDER_RULES.filter((rule) => !graph.some(({ file }) => governs(rule, file))).map((r) => r.rule)).toEqual([]);
  });

  it("a rule fails on an offending import and names the file and the import", () => {
    const file = "components/tokens/row/synthetic-row.tsx";
    const offending: SourceFile = {
      file,
      imports: importsIn(file, `import { PortfolioCard } from "@/components/portfolios/portfolio-card";\nimport type { PortfolioView } from "@/lib/domain/types";\n`),
    };
    expect(violations(FOLDER_RULES, [offending])).toEqual([
      `${file} imports "@/components/portfolios/portfolio-card" (components/portfolios/portfolio-card.tsx): tokens never use portfolios (portfolios use tokens)`,
    ]);
  });

  it("a types-only rule lets `import type` through and stops a value import", () => {
    const file = "components/jobs/synthetic.ts";
    const text = `import type { JobView } from "@/lib/jobs/types";\nimport { type JobKind } from "@/lib/jobs/types";\nimport { runJobs } from "../../lib/jobs/worker";\n`;
    expect(violations(FOLDER_RULES, [{ file, imports: importsIn(file, text) }])).toEqual([
      `${file} imports "../../lib/jobs/worker" (lib/jobs/worker.ts): browser code takes only types from server-only modules`,
    ]);
  });

  it("a loop between feature folders is named with the imports that make it", () => {
    const synthetic: SourceFile[] = [
      { file: "components/portfolios/a.tsx", imports: importsIn("components/portfolios/a.tsx", `import { B } from "@/components/tokens/b";`) },
      { file: "components/tokens/b.tsx", imports: importsIn("components/tokens/b.tsx", `import { A } from "@/components/portfolios/a";`) },
    ];
    expect(featureCycles(synthetic)).toEqual([
      `components/portfolios -> components/tokens -> components/portfolios (components/portfolios/a.tsx imports "@/components/tokens/b"; components/tokens/b.tsx imports "@/components/portfolios/a")`,
    ]);
  });
});
