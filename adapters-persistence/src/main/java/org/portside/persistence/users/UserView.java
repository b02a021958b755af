package org.portside.persistence.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A user with the names of its groups, as one statement reads them. */
@MappedEntity("users") // an entity, not a DTO: Micronaut Data keeps its mapping instead of building it per query
record UserView(@Id String userid, String firstName, String lastName, @TypeDef(type = DataType.STRING_ARRAY) String[] groups) {
}
