/**
 * JSON columns. Both drivers hand JSON columns back as text (mysql2 `jsonStrings: true`; SQLite
 * has no JSON type), so values are stringified on write and parsed here, in one place.
 */
export class CorruptJsonColumnError extends Error {
  override name = 'CorruptJsonColumnError';
}

/** The text to store in a JSON column (null stays SQL NULL). */
export function toJsonColumn(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

/** The value stored in a JSON column; SQL NULL is null. */
export function fromJsonColumn(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new CorruptJsonColumnError(`JSON column holds invalid JSON: ${value.slice(0, 60)}`);
    }
  }
  if (Buffer.isBuffer(value)) return fromJsonColumn(value.toString('utf8'));
  // A driver that already parsed the value (should not happen with our settings).
  return value;
}
