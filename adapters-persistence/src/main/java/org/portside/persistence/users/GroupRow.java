package org.portside.persistence.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("groups")
record GroupRow(@Id String name) {
}
