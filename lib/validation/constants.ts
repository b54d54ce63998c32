/** Shared with lib/auth/passwords (server) without importing the hashing library into forms. */
export const PASSWORD_MIN_LENGTH_VALUE = 12;
