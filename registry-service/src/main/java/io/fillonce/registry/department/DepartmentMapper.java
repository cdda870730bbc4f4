package io.fillonce.registry.department;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface DepartmentMapper {

    @Mapping(target = "code", source = "id")
    DepartmentView toView(DepartmentDocument document);

    @Mapping(target = "code", source = "document.id")
    @Mapping(target = "principal", source = "key.principal")
    @Mapping(target = "apiKey", source = "key.apiKey")
    DepartmentCreated toCreated(DepartmentDocument document, io.fillonce.registry.principal.Principals.IssuedKey key);
}
