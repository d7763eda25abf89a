// The operator console's entry: defines the elements; index.html holds <gs-operator-console>.
import './operator-console.js';
