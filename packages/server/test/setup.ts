import { afterAll } from 'vitest';
import { closeAllTestResources } from './harness.js';

// A setup file's hooks are registered while each test file is collected, so this one always runs,
// after the file's own afterAll hooks: whatever a test opened through the harness is closed and dropped.
afterAll(closeAllTestResources);
