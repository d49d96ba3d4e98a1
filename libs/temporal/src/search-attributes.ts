import { temporal } from '@temporalio/proto';
import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_TYPES } from '@huiying/contracts/workflow';

const TYPE = temporal.api.enums.v1.IndexedValueType;
const BY_NAME: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: TYPE.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: TYPE.INDEXED_VALUE_TYPE_DATETIME,
  Bool: TYPE.INDEXED_VALUE_TYPE_BOOL,
  Text: TYPE.INDEXED_VALUE_TYPE_TEXT,
  Int: TYPE.INDEXED_VALUE_TYPE_INT,
  Double: TYPE.INDEXED_VALUE_TYPE_DOUBLE,
};

const GRPC_UNIMPLEMENTED = 12;

/**
 * Registers the case search attributes on a namespace; already-registered ones are left as they are.
 * (The time-skipping test server cannot list search attributes: then all are added.)
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  let have = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    have = new Set(Object.keys(existing.customAttributes ?? {}));
  } catch (e) {
    if ((e as { code?: number }).code !== GRPC_UNIMPLEMENTED) throw e;
  }
  const missing = Object.entries(SEARCH_ATTRIBUTE_TYPES).filter(([name]) => !have.has(name));
  if (!missing.length) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, BY_NAME[type]])),
  });
  return missing.map(([name]) => name);
}
