/**
 * Limits of importing from the app, without zod: the renderer reads them too, and its bundle keeps
 * zod out (zod probes for eval, which the app's CSP forbids and reports).
 */

/** The largest chunk main accepts. */
export const IMPORT_CHUNK_BYTES = 4 * 1024 * 1024;
/** The largest file main accepts (the importer streams, so this bounds disk, not memory). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024 * 1024;
