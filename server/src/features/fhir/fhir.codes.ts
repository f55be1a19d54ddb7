import type { MeasureKind } from '../../../../shared/src/measures.js';

/** Canonical URLs and code systems of the French profiles (reference §5) and Carnet's own code systems. */
export const FR_CORE = 'https://hl7.fr/ig/fhir/core';
export const PATIENT_INS_PROFILE = `${FR_CORE}/StructureDefinition/fr-core-patient-ins`;
export const IDENTITY_RELIABILITY = `${FR_CORE}/StructureDefinition/fr-core-identity-reliability`;
export const IDENTITY_STATUS_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-v2-0445`;
export const INSEE_CODE_EXT = `${FR_CORE}/StructureDefinition/fr-core-address-insee-code`;
export const BIRTH_LIST_GIVEN_NAME = `${FR_CORE}/StructureDefinition/fr-core-birth-list-given-name`;
export const BIRTH_PLACE_EXT = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
export const INSEE_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM';
export const V2_0203 = `${FR_CORE}/CodeSystem/fr-core-cs-v2-0203`;
/** INS-NIR: the NIR used as the national health identifier. */
export const INS_NIR = 'urn:oid:1.2.250.1.213.1.4.8';

export const MESURES = 'https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition';
/** The ANS « Mesures de santé » 3.1.0 profile of each measure Carnet stores (BMI is computed, never stored). */
export const measureProfiles: Record<Exclude<MeasureKind, 'bmi'>, string> = {
  weight: `${MESURES}/mesures-fr-observation-body-weight`,
  height: `${MESURES}/mesures-fr-observation-bodyheight`,
  temperature: `${MESURES}/mesures-fr-observation-body-temperature`,
  bloodPressure: `${MESURES}/mesures-fr-observation-bp`,
  heartRate: `${MESURES}/mesures-fr-observation-heartrate`,
  glucose: `${MESURES}/mesures-observation-glucose`,
  headCircumference: `${MESURES}/mesures-observation-head-circumference`,
  pain: `${MESURES}/mesures-observation-pain-severity`,
  steps: `${MESURES}/mesures-observation-steps-by-day`,
  waist: `${MESURES}/mesures-observation-waist-circumference`,
};

export const PDSM_DOCREF =
  'https://interop.esante.gouv.fr/ig/fhir/pdsm/StructureDefinition/pdsm-comprehensive-document-reference';
/** Visibility codes of a document (TRE_A07), as security labels. */
export const VISIBILITY_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_A07-StatusVisibiliteDocument/FHIR/TRE-A07-StatusVisibiliteDocument';
/** IDNPS, the national identifier of health professionals (8 + RPPS for those in the RPPS). */
export const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

// Carnet's own code systems (URNs: no published terminology carries these patient-side codes).
export const CARNET_CATEGORY = 'urn:carnet:document-category';
export const CARNET_FREQUENCY = 'urn:carnet:treatment-frequency';
export const CARNET_CONTACT_ROLE = 'urn:carnet:contact-role';
export const CARNET_CONSENT = 'urn:carnet:consent';
export const CARNET_MOMENT = 'urn:carnet:glucose-moment';
