// The options page's requests to the background: connection test and model list.
import { browser } from 'wxt/browser';
import type { Connection, RuntimeResponse } from '../messages.ts';

export function testConnection(connection: Connection): Promise<RuntimeResponse<'testConnection'>> {
  return browser.runtime.sendMessage({ type: 'testConnection', connection });
}

export function listModels(connection: Connection): Promise<RuntimeResponse<'listModels'>> {
  return browser.runtime.sendMessage({ type: 'listModels', connection });
}
