// Runtime configuration of the console (shared/consoleConfig.ts). The deploy overwrites this file
// with the environment's HTTP access origin; the local cloud serves its own. This default calls the
// functions on the console's own origin (`/fn/<function>`).
window.ANXUE_CONSOLE_CONFIG = { "functionsUrl": "/fn" };
