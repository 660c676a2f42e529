/**
 * The project's import graph as the architecture tests read it: each source file's
 * `import`, `export … from` and `import()` specifiers, resolved against `@/` and
 * relative paths. TypeScript's own parser reads them, so comments, strings and
 * multi-line imports are never mistaken for imports.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const root = path.resolve(import.meta.dirname, "../..");

export type ImportEdge = {
  /** As written: "@/components/ui/button", "./token-form", "zod". */
  specifier: string;
  /** The project file it resolves to (repo-relative), or null for a package. */
  target: string | null;
  /** `import()`: loaded on demand, in a chunk of its own. */
  dynamic: boolean;
  /** `import type` / `export type … from`, or every name marked `type`: erased from the JavaScript. */
  typeOnly: boolean;
};

export type SourceFile = { file: string; imports: ImportEdge[] };

const EXTENSIONS = [".ts", ".tsx", ".mjs", ".js"];
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", ".bare-app"]);

/** Repo-relative source files under `dirs`, tests included (`isTest` tells them apart). */
function sourceFiles(dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir)).flatMap((name) => {
      const rel = path.posix.join(dir, name);
      if (statSync(path.join(root, rel)).isDirectory()) return SKIP_DIRS.has(name) ? [] : walk(rel);
      return EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith(".d.ts") ? [rel] : [];
    });
  return dirs.filter((dir) => existsSync(path.join(root, dir))).flatMap(walk);
}

export const isTest = (file: string) => /\.test\.tsx?$/.test(file);

export const isFile = (rel: string) => {
  const full = path.join(root, rel);
  return existsSync(full) && statSync(full).isFile();
};

/**
 * The file a specifier names, trying the extensions and index files the bundler tries;
 * null for a package. A path that names no file (a synthetic test's) still says where it points.
 */
export function resolveImport(importer: string, specifier: string, exists = isFile): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  else return null;
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find(exists) ?? base;
}

function namedOnlyTypes(bindings: ts.NamedImportBindings | ts.NamedExportBindings | undefined): boolean {
  if (!bindings || !("elements" in bindings) || bindings.elements.length === 0) return false;
  return bindings.elements.every((element) => element.isTypeOnly);
}

/** The imports written in `text`, the source of `file`. */
export function importsIn(file: string, text: string, exists?: (rel: string) => boolean): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, dynamic: boolean, typeOnly: boolean) =>
    edges.push({ specifier, target: resolveImport(file, specifier, exists), dynamic, typeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && namedOnlyTypes(clause.namedBindings)));
      add(node.moduleSpecifier.text, false, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, false, node.isTypeOnly || namedOnlyTypes(node.exportClause));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every source file under `dirs` with its imports. */
export function importGraph(dirs: string[]): SourceFile[] {
  return sourceFiles(dirs).map((file) => ({ file, imports: importsIn(file, readFileSync(path.join(root, file), "utf8")) }));
}

/** A file that starts with the "use client" directive: it and all it imports statically ship to the browser. */
export function isClientModule(text: string): boolean {
  const source = ts.createSourceFile("x.tsx", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use client") return true;
  }
  return false;
}
