package org.portside.persistence.guids;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

@MappedEntity("guids")
record GuidRow(@Id String guid, @MappedProperty("expire_at") long expireAt, String owner) {
}
