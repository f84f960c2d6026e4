/** This build's app version (package.json), shown by /health, peers and `holdline stats`. */
export const APP_VERSION = '0.1.0';
