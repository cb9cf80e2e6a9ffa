import { customType } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL `bytea`, read and written as a Buffer. node-postgres already returns a Buffer; PGlite
 * returns a Uint8Array, wrapped here without copying so both databases give the same type.
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});
