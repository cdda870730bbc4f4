package io.fillonce.registry.cadre;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

import io.fillonce.registry.principal.PrincipalDocument;

@Mapper
interface CadreMapper {

    String PREFIX = "cadre:";

    @Mapping(target = "id", source = "id", qualifiedByName = "cadreId")
    @Mapping(target = "principal", source = "id")
    CadreView toView(PrincipalDocument principal);

    @Named("cadreId")
    default String cadreId(String principalId) {
        return principalId.substring(PREFIX.length());
    }
}
