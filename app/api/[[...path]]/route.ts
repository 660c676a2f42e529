import { ApiError } from "@/lib/bff/http/api-error";
import { errorResponse } from "@/lib/bff/http/respond";

export const dynamic = "force-dynamic";

/** Any /api path no route serves: the JSON 404, whatever the method (never the HTML page). */
const notFound = async () => errorResponse(new ApiError(404, "NotFound", "There is no such API route."));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
