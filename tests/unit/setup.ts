// Every unit test gets an in-memory IndexedDB, where the extension keeps the API key.
import 'fake-indexeddb/auto';
