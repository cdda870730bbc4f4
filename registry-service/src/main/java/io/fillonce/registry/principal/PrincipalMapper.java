package io.fillonce.registry.principal;

import org.mapstruct.Mapper;

@Mapper
interface PrincipalMapper {

    PrincipalState toState(PrincipalDocument document);

    PrincipalView toView(PrincipalDocument document);
}
