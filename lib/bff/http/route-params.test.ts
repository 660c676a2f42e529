import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { parseId } from "./route-params";

describe("parseId: the one check of a route's id", () => {
  it("takes any 8-4-4-4-12 hex id, as eToro hands them out", () => {
    expect(parseId("0f8fad5b-d9cb-469f-a165-70867728950e", "portfolio")).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    // Not an RFC 4122 variant: still an id eToro may use.
    expect(parseId("00000000-0000-0000-0000-000000000000", "job")).toBe("00000000-0000-0000-0000-000000000000");
  });

  it.each(["", "123", "0f8fad5b-d9cb-469f-a165-70867728950e/x", "0f8fad5b d9cb 469f a165 70867728950e", "../etc/passwd"])(
    "refuses %j with a 400 that names what it is",
    (value) => {
      let thrown: unknown;
      try {
        parseId(value, "token");
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect(thrown).toMatchObject({ status: 400, code: "ValidationFailed", message: "That token id is not valid." });
    },
  );
});
