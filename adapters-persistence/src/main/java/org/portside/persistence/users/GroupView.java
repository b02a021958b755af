package org.portside.persistence.users;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A group with the userids of its members, as one statement reads them. */
@Introspected
record GroupView(String name, @TypeDef(type = DataType.STRING_ARRAY) String[] members) {
}
