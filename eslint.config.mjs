import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

// Rooms of the house: pure modules may not reach the database, the framework or node.
const PURE_MODULE_IMPORTS = {
  patterns: [
    { group: ["node:*"], message: "Pure modules do no I/O: pass data in from a service." },
    { group: ["@prisma/*", "**/generated/prisma/**", "**/generated/prisma-pg/**"], message: "Pure modules never touch the database." },
    { group: ["**/server/*", "@/lib/server/*", "server-only"], message: "Pure modules may not use server plumbing (db, session, env)." },
    { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Pure modules are framework-free." },
    { group: ["react", "react-dom", "react/*"], message: "Pure modules are framework-free." },
    { group: ["**/services/*", "@/lib/services/*"], message: "Pure modules may not call services." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "docs/**",
    ],
  },
  js.configs.recommended,
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/only-throw-error": "off",
    },
  },
  {
    files: ["lib/scheduler/**", "lib/questions/**", "lib/analytics/**"],
    rules: {
      "no-restricted-imports": ["error", PURE_MODULE_IMPORTS],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Take `now` as an argument." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Take a seeded random source as an argument." },
        { object: "Date", property: "now", message: "Take `now` as an argument." },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "@/lib/services/*", "@prisma/*", "**/generated/prisma/**", "**/generated/prisma-pg/**"],
              allowTypeImports: true,
              message: "Components are presentational: data comes in as props.",
            },
          ],
        },
      ],
    },
  },
  {
    // Routes and actions stay thin: they reach the database only through services.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/db", "@prisma/*", "**/generated/prisma/**", "**/generated/prisma-pg/**"], allowTypeImports: true, message: "Routes call lib/services; services own the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
