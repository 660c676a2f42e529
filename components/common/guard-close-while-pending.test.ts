import { describe, expect, it, vi } from "vitest";
import { guardCloseWhilePending } from "./guard-close-while-pending";

const mutation = (isPending: boolean) => ({ isPending, reset: vi.fn() });

describe("guardCloseWhilePending", () => {
  it("refuses to close while any request is in flight or the flow is busy", () => {
    const onOpenChange = vi.fn();
    guardCloseWhilePending({ mutations: [mutation(false), mutation(true)] }, onOpenChange)(false);
    guardCloseWhilePending({ busy: true }, onOpenChange)(false);
    expect(onOpenChange).not.toHaveBeenCalled();
  });

  it("never closes a dialog that shows a secret, but lets it open", () => {
    const onOpenChange = vi.fn();
    const change = guardCloseWhilePending({ holdsSecret: true }, onOpenChange);
    change(false);
    expect(onOpenChange).not.toHaveBeenCalled();
    change(true);
    expect(onOpenChange).toHaveBeenCalledWith(true);
  });

  it("closes when idle and clears the finished mutations", () => {
    const onOpenChange = vi.fn();
    const done = mutation(false);
    guardCloseWhilePending({ mutations: [done] }, onOpenChange)(false);
    expect(done.reset).toHaveBeenCalled();
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
