// The API key's home: the extension origin's IndexedDB. Content scripts share the page's origin for
// IndexedDB, so they can never open this database, in Chrome or Firefox, whatever a page does to
// them; `storage.local`, by contrast, is theirs to read by default (and Firefox has no way to close it).

const DATABASE = 'daily-papers-ko-secrets';
const STORE = 'secrets';
const API_KEY = 'apiKey';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('IndexedDB open blocked'));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    database.close();
  }
}

export async function readApiKey(): Promise<string> {
  const value = await run('readonly', (store) => store.get(API_KEY));
  return typeof value === 'string' ? value : '';
}

export async function writeApiKey(apiKey: string): Promise<void> {
  await run('readwrite', (store) => store.put(apiKey, API_KEY));
}
