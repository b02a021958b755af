package org.portside.persistence.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A group with the userids of its members, as one statement reads them. */
@MappedEntity("groups") // an entity, not a DTO: Micronaut Data keeps its mapping instead of building it per query
record GroupView(@Id String name, @TypeDef(type = DataType.STRING_ARRAY) String[] members) {
}
