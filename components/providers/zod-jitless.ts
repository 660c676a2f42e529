import { z } from "zod";

/**
 * In the browser, zod must not compile parsers with `new Function`: the CSP forbids
 * eval, and zod's probe for it alone is reported as a violation. Interpreted parsing
 * is fast enough for forms. (Server code keeps the compiled parsers.)
 */
z.config({ jitless: true });
