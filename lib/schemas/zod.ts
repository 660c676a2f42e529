import { z } from "zod";

/**
 * The one zod every schema here is built with. In the browser, zod must not compile
 * parsers with `new Function`: the CSP forbids eval, and zod's probe for it alone is
 * reported as a violation. Interpreted parsing is fast enough for forms. Set here,
 * beside the schemas, because the browser loads them only with the dialogs that
 * validate (not with the first page); server code keeps the compiled parsers.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
