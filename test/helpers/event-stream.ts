import assert from 'node:assert/strict';

/**
 * The text of a server-sent event stream as it arrives: `until(needle)` reads on until the text so
 * far holds `needle` (fails after `ms`, or when the stream ends first).
 */
export function readEventStream(response: Response): { until(needle: string, ms?: number): Promise<void>; readonly text: string } {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  return {
    get text() {
      return received;
    },
    async until(needle, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) assert.fail(`no ${needle} in the stream: ${received}`);
        const { value, done } = await reader.read();
        if (done) assert.fail(`the stream ended: ${received}`);
        received += decoder.decode(value, { stream: true });
      }
    },
  };
}
