/** A UUID as PostgreSQL writes them (any version): the shape of every id in Carnet's paths. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
