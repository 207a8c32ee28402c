/**
 * Static credentials for the local emulator. The emulator checks that requests are signed, not
 * with what: these are not AWS credentials and grant nothing anywhere.
 */
export const EMULATOR_ACCESS_KEY_ID = 'AKIDEMULATOR00000000';
export const EMULATOR_SECRET_ACCESS_KEY = 'emulator-secret-not-a-credential';
