package org.portside.persistence.users;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A user with the names of its groups, as one statement reads them. */
@Introspected
record UserView(String userid, String firstName, String lastName, @TypeDef(type = DataType.STRING_ARRAY) String[] groups) {
}
