// The stack's ports: one implementation for tests, scripts and the main job (see @sf/testing's freePort).
export { freePort } from '@sf/testing';
