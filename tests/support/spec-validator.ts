/**
 * Validates response bodies against the vendored eToro contract: lib/etoro/openapi.json
 * (agent portfolios) and lib/etoro/trading-openapi.json (the trading an agent does); a
 * path belongs to whichever document holds it.
 *
 *   validateResponse(method, pathTemplate, status, body, { strict? })
 *     → { valid, errors, documented }
 *   expectMatchesSpec(method, pathTemplate, status, body, { strict? })   throws when invalid
 *   matchPathTemplate("/api/v1/agent-portfolios/3f…")  → "/api/v1/agent-portfolios/{agentPortfolioId}"
 *   listErrorExamples(document?)        every documented error example {method, path, status, name, errorCode, errorMessage}
 *   listDocumentedResponses(document?)  every documented {method, path, status}
 *   (document: "agent-portfolios", the default, or "trading")
 *
 * Rules: `pathTemplate` is the spec's key ("/api/v1/agent-portfolios/{agentPortfolioId}");
 * `method` is case-insensitive. A status the operation documents is checked against its
 * schema (a status documented without a body requires an empty body: undefined, null or "").
 * An undocumented status ≥ 400 (e.g. 429 on DELETE user token, or a 404 for an unknown
 * path) is checked against ErrorResponse, the spec's only error shape, and reported with
 * `documented: false`; an undocumented success status is invalid.
 * `strict: true` also refuses properties the spec does not declare and requires both
 * `errorCode` and `errorMessage` in errors — a faithfulness check for the sandbox.
 * The trading document names no error codes: its operations answer errors (documented
 * or not, with or without a documented body) as ProblemDetails where they document that
 * shape, else as the agent-portfolio ErrorResponse; strict mode requires the
 * errorCode + errorMessage pair in both.
 * Schemas are compiled with ajv + ajv-formats (uuid, date-time), `nullable` honoured,
 * `#/components/schemas/...` refs resolved.
 */
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type JsonSchema = Record<string, unknown>;

interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown }>;
}

interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface SpecValidationResult {
  valid: boolean;
  /** Human-readable reasons ("" when valid). */
  errors: string;
  /** Whether the operation documents this status. */
  documented: boolean;
}

export interface ValidateOptions {
  /** Refuse undeclared properties and require errorCode + errorMessage. Default false. */
  strict?: boolean;
}

export interface ErrorExample {
  method: string;
  path: string;
  status: number;
  /** The example's key in `examples`, or its errorCode for a lone `example`. */
  name: string;
  errorCode: string;
  errorMessage: string;
}

export interface DocumentedResponse {
  method: string;
  path: string;
  status: number;
  description: string;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const SPEC_ID = "etoro-openapi";
const TRADING_SPEC_ID = "etoro-trading-openapi";

export type SpecDocument = "agent-portfolios" | "trading";

function load(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(new URL(`../../lib/etoro/${file}`, import.meta.url), "utf8")) as OpenApiDocument;
}

export const spec: OpenApiDocument = load("openapi.json");
export const tradingSpec: OpenApiDocument = load("trading-openapi.json");

const DOCUMENTS: Record<SpecDocument, { doc: OpenApiDocument; id: string }> = {
  "agent-portfolios": { doc: spec, id: SPEC_ID },
  trading: { doc: tradingSpec, id: TRADING_SPEC_ID },
};

function documentFor(pathTemplate: string): { doc: OpenApiDocument; id: string; name: SpecDocument } {
  return tradingSpec.paths[pathTemplate] ? { ...DOCUMENTS.trading, name: "trading" } : { ...DOCUMENTS["agent-portfolios"], name: "agent-portfolios" };
}

function operations(document: SpecDocument = "agent-portfolios"): Array<{ method: string; path: string; operation: Operation }> {
  const found: Array<{ method: string; path: string; operation: Operation }> = [];
  for (const [path, item] of Object.entries(DOCUMENTS[document].doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) found.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return found;
}

function jsonContent(response: ResponseObject): MediaType | undefined {
  return response.content?.["application/json"];
}

/** Deep copy in which every object schema refuses undeclared properties. */
function strictify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === "example" ? value : strictify(value);
  if (copy.type === "object" && typeof copy.properties === "object" && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

function rewriteRefs(schema: unknown, specId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rewriteRefs(item, specId));
  if (typeof schema !== "object" || schema === null) return schema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${specId}${value}` : rewriteRefs(value, specId);
  }
  return copy;
}

function makeAjv(strict: boolean): Ajv {
  // The trading spec uses formats ajv does not know ("decimal", "nullable"); they are descriptive only.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { decimal: true, nullable: true } });
  addFormats(ajv);
  for (const { doc, id } of Object.values(DOCUMENTS)) {
    let schemas = doc.components.schemas;
    if (strict) {
      schemas = strictify(schemas) as Record<string, JsonSchema>;
      if (schemas.ErrorResponse) schemas.ErrorResponse = { ...schemas.ErrorResponse, required: ["errorCode", "errorMessage"] };
    }
    ajv.addSchema({ $id: id, components: { schemas: rewriteRefs(schemas, id) } });
  }
  return ajv;
}

const ajvs = { lenient: makeAjv(false), strict: makeAjv(true) };
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema, key: string, strict: boolean, specId: string): ValidateFunction {
  const cacheKey = `${strict ? "strict" : "lenient"} ${specId} ${key}`;
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = (strict ? ajvs.strict : ajvs.lenient).compile(rewriteRefs(strict ? strictify(schema) : schema, specId) as JsonSchema);
    compiled.set(cacheKey, validate);
  }
  return validate;
}

function check(schema: JsonSchema, key: string, body: unknown, strict: boolean, documented: boolean, specId = SPEC_ID): SpecValidationResult {
  const validate = validatorFor(schema, key, strict, specId);
  if (validate(body)) return { valid: true, errors: "", documented };
  const errors = (validate.errors ?? []).map((error) => {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return `body${error.instancePath} ${error.message ?? "is invalid"}${extra ? `: ${extra}` : ""}`;
  });
  return { valid: false, errors: errors.join("; "), documented };
}

const ERROR_SCHEMA: JsonSchema = { $ref: "#/components/schemas/ErrorResponse" };
const PROBLEM_REF = "#/components/schemas/ProblemDetails";
const ERROR_PAIR: JsonSchema = {
  type: "object",
  required: ["errorCode", "errorMessage"],
  properties: { errorCode: { type: "string" }, errorMessage: { type: "string" } },
  additionalProperties: true,
};

/** A trading operation's error shape: ProblemDetails where it documents that, else the agent-portfolio ErrorResponse. */
function tradingErrorCheck(operation: Operation | undefined, key: string, body: unknown, strict: boolean, documented: boolean): SpecValidationResult {
  const problem = Object.values(operation?.responses ?? {}).some((response) => jsonContent(response)?.schema?.$ref === PROBLEM_REF);
  if (!problem) return check({ $ref: `${SPEC_ID}${ERROR_SCHEMA.$ref as string}` }, "ErrorResponse", body, strict, documented, TRADING_SPEC_ID);
  const schema: JsonSchema = strict ? { allOf: [{ $ref: PROBLEM_REF }, ERROR_PAIR] } : { $ref: PROBLEM_REF };
  return check(schema, `${key} problem`, body, strict, documented, TRADING_SPEC_ID);
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || body === "";
}

export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): SpecValidationResult {
  const strict = options.strict ?? false;
  const document = documentFor(pathTemplate);
  const operation = document.doc.paths[pathTemplate]?.[method.toLowerCase()];
  const response = operation?.responses[String(status)];
  const key = `${method.toUpperCase()} ${pathTemplate} ${status}`;
  if (document.name === "trading" && status >= 400) return tradingErrorCheck(operation, key, body, strict, response !== undefined);
  if (!response) {
    if (status >= 400) return check(ERROR_SCHEMA, "ErrorResponse", body, strict, false);
    const reason = operation
      ? `status ${status} is not documented for ${method.toUpperCase()} ${pathTemplate}`
      : `${method.toUpperCase()} ${pathTemplate} is not an operation in the spec`;
    return { valid: false, errors: reason, documented: false };
  }
  const schema = jsonContent(response)?.schema;
  if (!schema) {
    return isEmpty(body)
      ? { valid: true, errors: "", documented: true }
      : { valid: false, errors: `status ${status} has no body in the spec but one was sent`, documented: true };
  }
  return check(schema, key, body, strict, true, document.id);
}

/** Throws an Error listing the mismatches when `body` does not match the spec. */
export function expectMatchesSpec(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): void {
  const result = validateResponse(method, pathTemplate, status, body, options);
  if (!result.valid) {
    throw new Error(`${method.toUpperCase()} ${pathTemplate} → ${status} does not match the spec: ${result.errors}`);
  }
}

function segments(path: string): string[] {
  const clean = path.split("?")[0];
  const trimmed = clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
  return trimmed.split("/");
}

/** The spec path template a concrete path belongs to (literal segments win over parameters). */
export function matchPathTemplate(path: string): string | undefined {
  const actual = segments(path);
  let best: { template: string; literals: number } | undefined;
  for (const template of [...Object.keys(spec.paths), ...Object.keys(tradingSpec.paths)]) {
    const wanted = segments(template);
    if (wanted.length !== actual.length) continue;
    let literals = 0;
    const fits = wanted.every((part, i) => {
      if (part.startsWith("{") && part.endsWith("}")) return actual[i] !== "";
      literals += 1;
      return part === actual[i];
    });
    if (fits && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

function asError(value: unknown): { errorCode: string; errorMessage: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { errorCode, errorMessage } = value as Record<string, unknown>;
  return typeof errorCode === "string" && typeof errorMessage === "string" ? { errorCode, errorMessage } : undefined;
}

/** Every `{errorCode, errorMessage}` example the spec documents for an error status. */
export function listErrorExamples(document: SpecDocument = "agent-portfolios"): ErrorExample[] {
  const examples: ErrorExample[] = [];
  for (const { method, path, operation } of operations(document)) {
    for (const [statusText, response] of Object.entries(operation.responses)) {
      const status = Number(statusText);
      const content = response && jsonContent(response);
      if (status < 400 || !content) continue;
      const single = asError(content.example);
      if (single) examples.push({ method, path, status, name: single.errorCode, ...single });
      for (const [name, example] of Object.entries(content.examples ?? {})) {
        const value = asError(example.value);
        if (value) examples.push({ method, path, status, name, ...value });
      }
    }
  }
  return examples;
}

/** Every status every operation documents. */
export function listDocumentedResponses(document: SpecDocument = "agent-portfolios"): DocumentedResponse[] {
  return operations(document).flatMap(({ method, path, operation }) =>
    Object.entries(operation.responses).map(([status, response]) => ({
      method,
      path,
      status: Number(status),
      description: response.description ?? "",
    })),
  );
}
