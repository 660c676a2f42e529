/**
 * What must be typed to confirm the two "everything" jobs. Plain constants, apart
 * from the job schema that checks them on the server, so the kill switch's buttons
 * do not bring zod into the page.
 */
export const CONFIRM_REVOKE_ALL = "REVOKE ALL";
export const CONFIRM_DELETE_ALL = "DELETE ALL";
