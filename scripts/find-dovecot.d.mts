/** Where Dovecot is: $DOVECOT_PATH, then the usual install places (/usr/sbin/dovecot on Debian); undefined if none. */
export function findDovecot(): string | undefined;
