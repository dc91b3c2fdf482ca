import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTIONS } from './protocol.ts';
import { DOC_SCHEMAS, FIELD_SCHEMAS } from './collections.ts';
import { rxSchemaFor } from './rxdb-schema.ts';

describe('RxDB schemas derived from the zod schemas', () => {
  for (const c of COLLECTION_NAMES) {
    it(`${c}: same fields, requirements and version as the zod document`, () => {
      const rx = rxSchemaFor(c);
      const shape = DOC_SCHEMAS[c].shape;
      expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(shape).sort());
      expect(rx.primaryKey).toBe('id');
      expect(rx.version).toBe(COLLECTIONS[c].schemaVersion);
      for (const field of rx.required) expect(Object.keys(shape)).toContain(field);
      expect(rx.required).toEqual(expect.arrayContaining(['id', 'seq', 'version', 'updated_at']));
    });

    it(`${c}: every indexed field is required, non-null and bounded`, () => {
      const rx = rxSchemaFor(c);
      for (const index of rx.indexes) {
        for (const field of Array.isArray(index) ? index : [index]) {
          const p = rx.properties[field]!;
          expect(rx.required, `${c}.${field} must be required`).toContain(field);
          expect(typeof p.type, `${c}.${field} must not be nullable`).toBe('string');
          if (p.type === 'string') expect(p.maxLength, `${c}.${field} needs maxLength`).toBeTypeOf('number');
        }
      }
    });
  }

  it('the writable fields of every pushable collection are part of its document', () => {
    for (const [c, fields] of Object.entries(FIELD_SCHEMAS)) {
      const doc = DOC_SCHEMAS[c as keyof typeof DOC_SCHEMAS].shape;
      for (const f of Object.keys(fields.shape)) expect(Object.keys(doc), `${c}.${f}`).toContain(f);
    }
  });
});
