// Vitest resolves "server-only" here: tests run services outside React's server bundle.
export {};
