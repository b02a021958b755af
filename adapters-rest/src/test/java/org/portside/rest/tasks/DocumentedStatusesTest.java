package org.portside.rest.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portside.domain.tasks.TaskStatus;

/**
 * Annotation values must be constants, so the status lists in the task schemas are written out;
 * this holds each published list to the domain's own {@link TaskStatus}.
 */
class DocumentedStatusesTest {

    @Test
    void every_published_status_list_is_the_domains() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/portside.yml")) {
            document = new YAMLMapper().readTree(in);
        }
        List<String> domain = Arrays.stream(TaskStatus.values()).map(Enum::name).toList();
        assertEquals(domain, names(document.at("/components/schemas/Task/properties/status/enum")));
        assertEquals(domain, names(document.at("/components/schemas/TaskChange/properties/status/enum")));
        JsonNode filter = null;
        for (JsonNode parameter : document.at("/paths/~1api~1tasks/get/parameters")) {
            if (parameter.path("name").asText().equals("status")) {
                filter = parameter.at("/schema/enum");
            }
        }
        assertEquals(domain, names(filter));
        assertEquals(List.of(TaskStatus.SCHEDULED.name()), names(document.at("/components/schemas/NewTask/properties/status/enum")));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
    }
}
