import type { HelpMessages } from './messages.js';

export const en: HelpMessages = {
  label: 'Search the help articles',
  hint: 'For example: “no code arrives”, “how to check my application”',
  submit: 'Search',
  searching: 'Searching…',
  found: { one: '{n} article found', other: '{n} articles found' },
  nothingFound: 'Nothing found in the help articles. Try other words.',
  stillStuck: 'No answer? Choose a way to reach us below.',
  tooLong: (max) => `The search is too long: at most ${max} characters`,
  offline: 'No connection to the server. Check your internet and search again.',
  failed: 'Search is not working now. Try again later or choose a way to reach us below.',
  retry: 'Search again',
};
