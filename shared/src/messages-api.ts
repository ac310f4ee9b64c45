import { type ListMessagesQuery, type Message, type MessageList, MessageListSchema } from './message.ts';
import { type RelayHttp, toQuery } from './relay-http.ts';

/*
 * The message-list endpoints as functions of a RelayHttp: what the extension needs to pair and to seed its
 * codes, without RelayClient's other endpoints and their schemas. RelayClient's methods of the same names
 * call these.
 */

/** One page and the cursor of the next (absent on the last page). */
export function listMessagesPage(http: RelayHttp, query: ListMessagesQuery = {}): Promise<MessageList> {
  return http.call('GET', `/api/v1/messages${toQuery(query)}`, MessageListSchema);
}

/** One page of live messages (100 unless `query.limit` says otherwise), newest first. */
export async function listMessages(http: RelayHttp, query: ListMessagesQuery = {}): Promise<Message[]> {
  return (await listMessagesPage(http, query)).messages;
}

/** Every live message matching `query`, newest first, page by page (at most `maxPages`). */
export async function listAllMessages(
  http: RelayHttp,
  query: Omit<ListMessagesQuery, 'cursor'> = {},
  maxPages = 1000,
): Promise<Message[]> {
  const all: Message[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await listMessagesPage(http, { ...query, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...list.messages);
    cursor = list.nextCursor;
    if (cursor === undefined) break;
  }
  return all;
}
