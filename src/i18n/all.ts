/** Both languages at once: bundler apps, tests and stories (the script tag's panel loads one). */
import { en } from './en.js';
import { registerMessages } from './localize.js';
import { ru } from './ru.js';

registerMessages('ru', ru);
registerMessages('en', en);
