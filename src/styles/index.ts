export { tokens } from './tokens.js';
export { base, buttons, formControls, notices, visuallyHidden } from './shared.js';
