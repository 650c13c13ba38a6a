/** The scoring server's version, as GET /version and GET /v2 report it (the Cairn release). */
export const CAIRN_SERVE_VERSION = "0.1.0";
