// The options page's requests to the background: connection test and model list.
import type { Connection, RuntimeResponses } from '../../shared/messages.ts';
import { askBackground } from '../../shared/runtime-client.ts';

export function testConnection(connection: Connection): Promise<RuntimeResponses['testConnection']> {
  return askBackground({ type: 'testConnection', connection });
}

export function listModels(connection: Connection): Promise<RuntimeResponses['listModels']> {
  return askBackground({ type: 'listModels', connection });
}

export function modelInfo(model: string): Promise<RuntimeResponses['modelInfo']> {
  return askBackground({ type: 'modelInfo', model });
}
