export { tokens } from './tokens.js';
export { base, buttons, visuallyHidden } from './shared.js';
